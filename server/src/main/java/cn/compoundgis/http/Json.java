package cn.compoundgis.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The one Jackson mapper of the server, configured once: Javalin's {@code ctx.json} (WebServer sets it as
 * {@code cfg.jsonMapper}), the data files read at start and every JSON written or read by a capability.
 * Thread-safe once configured; never reconfigure it; derive a copy or a reader/writer where a use needs more.
 */
public final class Json {
    /** Plain Jackson defaults (the same as Javalin's own default mapper with no optional modules present). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * For bodies and files posted by a client: a key given twice, or anything after the JSON value, is refused
     * rather than silently resolved (last key wins / trailing text ignored), so what is stored is what was meant.
     */
    public static final ObjectReader STRICT_READER = MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A copy that names record components in snake_case ({@code lengthM} is {@code length_m}), as the APIs answer. */
    public static final ObjectMapper SNAKE_CASE = MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {
    }
}
