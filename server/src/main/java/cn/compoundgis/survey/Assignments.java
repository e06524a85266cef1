package cn.compoundgis.survey;

import cn.compoundgis.accounts.User;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.survey.stage.CompoundPermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A surveyor uploads, commits and discards for the compounds assigned to them: those in their {@code compounds}, those
 * of the districts in their {@code districts} (a compound's current district), or all with districts {@code *};
 * an administrator for every compound.
 */
final class Assignments implements CompoundPermission {
    private final User user;

    private Assignments(User user) {
        this.user = user;
    }

    static CompoundPermission of(User user) {
        return new Assignments(user);
    }

    /** Refuses (403) unless {@code user} is assigned to the registered compound {@code code}. */
    static void require(Connection c, User user, String code, String action) throws SQLException {
        if (user.assignedEverywhere() || user.compounds().contains(code)) {
            return;
        }
        Optional<String> district = Sql.optionalText(c, SurveyQueries.COMPOUND_DISTRICT, SqlParams.of().text("code", code));
        if (district.isPresent() && user.districts().contains(district.get())) {
            return;
        }
        throw refusal(user, code, district.orElse(null), action);
    }

    @Override
    public void requireExisting(Connection c, String code) throws SQLException {
        require(c, user, code, "upload");
    }

    @Override
    public void requireNew(String code, String district) {
        if (user.assignedEverywhere() || user.compounds().contains(code)
                || (district != null && user.districts().contains(district))) {
            return;
        }
        throw refusal(user, code, district, "create");
    }

    /** What each action the refusal names is, in the English description (the map words the action itself). */
    private static final Map<String, String> DOING = Map.of("upload", "upload a survey for", "create", "create by a survey",
            "commit", "commit surveys of", "discard", "discard surveys of");

    private static ApiError refusal(User user, String code, String district, String action) {
        return ApiError.forbidden(user.username() + " may not " + DOING.get(action) + " compound " + code
                + (district == null ? "" : " (district " + district + ")") + ": " + user.username()
                + " is assigned to " + assigned(user))
                .says("not_assigned", "user", user.username(), "action", action, "compound", code, "district", district,
                        "compounds", user.compounds(), "districts", user.districts());
    }

    private static String assigned(User user) {
        if (user.compounds().isEmpty() && user.districts().isEmpty()) {
            return "no compound or district (an administrator assigns them)";
        }
        String compounds = user.compounds().isEmpty() ? "" : "compounds " + String.join(", ", user.compounds());
        String districts = user.districts().isEmpty() ? "" : "districts " + String.join(", ", user.districts());
        return compounds + (compounds.isEmpty() || districts.isEmpty() ? "" : " and ") + districts;
    }
}
