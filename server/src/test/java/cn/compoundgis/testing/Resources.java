package cn.compoundgis.testing;

/** Test clean-up. */
public final class Resources {
    private Resources() {
    }

    /** Closes each resource that was opened (nulls are skipped), in the order given. */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
