package cn.compoundgis.survey.stage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether the uploader may stage a survey for a compound. Asked once the upload's compound is known: for a compound
 * of the register before anything is staged, for a new one (made from the boundary layer) once its boundary is staged
 * and so its district known. A refusal is thrown (ApiError 403) and rolls the staging back.
 */
public interface CompoundPermission {
    /** No restriction (the server's own uploads, such as the demo). */
    CompoundPermission ANYONE = new CompoundPermission() {
        @Override
        public void requireExisting(Connection c, String code) {
        }

        @Override
        public void requireNew(String code, String district) {
        }
    };

    void requireExisting(Connection c, String code) throws SQLException;

    /** A compound not registered yet, of {@code district} as its boundary layer gives it (null: none given). */
    void requireNew(String code, String district);
}
