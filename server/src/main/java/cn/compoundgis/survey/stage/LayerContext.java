package cn.compoundgis.survey.stage;

import cn.compoundgis.survey.recognize.ValueCodes;
import java.util.Optional;

/**
 * What every record of a layer shares: its compound (given with the upload or told by the boundary layer; new when
 * no current compound has the code), survey, file and the network its file name gives.
 */
record LayerContext(String compoundCode, boolean compoundGiven, boolean compoundNew, long surveyId, String sourceFile,
                    Optional<String> networkHint, ValueCodes codes, ValidationRules rules) {
}
