package cn.compoundgis.survey.stage;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.survey.recognize.LayerKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One upload to stage: the folder its files were unpacked to and what the uploader said.
 *
 * @param layerMapping file name (without extension) → layer kind, for files not recognised by name
 * @param fieldMapping per layer kind, canonical field → the file's field name
 * @param uploader     who uploads (survey.uploaded_by, the audit trail)
 * @param permission   which compounds the uploader may stage a survey for
 */
public record StageRequest(Path filesDir, String uploadName, String zipNameEncoding, Optional<String> compound,
                           Optional<String> crs, Optional<String> encoding, Map<String, LayerKind> layerMapping,
                           Map<LayerKind, Map<String, String>> fieldMapping,
                           Actor uploader, CompoundPermission permission) {
}
