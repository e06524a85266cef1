package cn.compoundgis.owners;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pipe owner (权属单位) and whom to call before digging near its pipes; null where not registered. */
public record OwnerContact(String name, String phone, String emergencyPhone, String address, String changedBy,
                           OffsetDateTime changedAt) {

    /** As the API and the dig report write it. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("phone", phone);
        out.put("emergency_phone", emergencyPhone);
        out.put("address", address);
        out.put("changed_by", changedBy);
        out.put("changed_at", changedAt == null ? null : changedAt.toString());
        return out;
    }
}
