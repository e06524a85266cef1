package cn.compoundgis.survey.stage;

/** Where record readers put what they find. */
interface Problems {
    /** For reading a value again where its problems were (or will be) reported already. */
    Problems IGNORED = new Problems() {
        @Override
        public void error(Problem p) {
        }

        @Override
        public void warning(Problem p) {
        }
    };

    void error(Problem p);

    void warning(Problem p);
}
