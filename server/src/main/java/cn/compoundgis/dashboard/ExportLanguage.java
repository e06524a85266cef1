package cn.compoundgis.dashboard;

import cn.compoundgis.http.ApiError;


/** The language of an export's headers and labels: {@code lang=zh-CN} (the default) or {@code lang=en}. */
enum ExportLanguage {
    ZH_CN, EN;

    static ExportLanguage of(String value) {
        if (value == null || value.equals("zh-CN")) {
            return ZH_CN;
        }
        if (value.equals("en")) {
            return EN;
        }
        throw ApiError.badParameter("lang=" + value + " is neither zh-CN nor en");
    }

    boolean english() {
        return this == EN;
    }
}
