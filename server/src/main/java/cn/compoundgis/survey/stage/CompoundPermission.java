package cn.compoundgis.survey.stage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether the uploader may stage a survey for a compound. Asked as soon as the upload's compound is known, before
 * anything is staged: a compound of the register by its current district, a new one (made from the boundary layer)
 * by the district its boundary record gives. A refusal is thrown (ApiError 403) and nothing is kept.
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
