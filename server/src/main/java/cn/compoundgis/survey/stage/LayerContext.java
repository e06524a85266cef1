package cn.compoundgis.survey.stage;

import cn.compoundgis.survey.recognize.ValueCodes;
import java.util.Optional;

/** What every record of a layer shares: its compound, survey, file and the network its file name gives. */
record LayerContext(String compoundCode, long surveyId, String sourceFile, Optional<String> networkHint, ValueCodes codes) {
}
