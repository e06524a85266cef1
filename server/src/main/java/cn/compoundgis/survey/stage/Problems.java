package cn.compoundgis.survey.stage;

/** Where record readers put what they find. */
interface Problems {
    void error(Problem p);

    void warning(Problem p);
}
