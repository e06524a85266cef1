package cn.compoundgis.checks;

/** Pipes for unit tests, built attribute by attribute. */
public final class TestPipes {
    private String origin = Pipe.EXISTING;
    private long id = 1;
    private final String network;
    private Integer dn;
    private Integer width;
    private Integer height;
    private String material;
    private Double startDepth;
    private Double endDepth;
    private Double startElevation;
    private Double endElevation;
    private String reference;
    private String burial;
    private String pressure;
    private String owner;
    private String role;
    private boolean temporary;
    private String accuracy = "hidden";

    private TestPipes(String network) {
        this.network = network;
        this.reference = Pipe.defaultDepthReference(network);
    }

    public static TestPipes pipe(String network) {
        return new TestPipes(network);
    }

    public TestPipes id(long v) { id = v; return this; }
    public TestPipes design() { origin = Pipe.DESIGN; return this; }
    public TestPipes dn(int v) { dn = v; return this; }
    public TestPipes box(int w, int h) { width = w; height = h; return this; }
    public TestPipes material(String v) { material = v; return this; }
    public TestPipes depth(double v) { startDepth = v; endDepth = v; return this; }
    public TestPipes depths(double start, double end) { startDepth = start; endDepth = end; return this; }
    public TestPipes elevations(double start, double end) { startElevation = start; endElevation = end; return this; }
    public TestPipes reference(String v) { reference = v; return this; }
    public TestPipes burial(String v) { burial = v; return this; }
    public TestPipes pressure(String v) { pressure = v; return this; }
    public TestPipes owner(String v) { owner = v; return this; }
    public TestPipes role(String v) { role = v; return this; }
    public TestPipes temporary() { temporary = true; return this; }
    public TestPipes visible() { accuracy = "visible"; return this; }

    public Pipe build() {
        return new Pipe(origin, id, network + "-" + id, "T", network, "S" + id, "E" + id, null, dn, width, height,
                material, startDepth, endDepth, startElevation, endElevation, reference, burial, pressure, owner, role,
                temporary, accuracy, accuracy);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(network);
        if (dn != null) {
            s.append(" DN").append(dn);
        }
        if (width != null) {
            s.append(' ').append(width).append('×').append(height);
        }
        if (pressure != null) {
            s.append(' ').append(pressure);
        }
        if (burial != null) {
            s.append(' ').append(burial);
        }
        if (owner != null) {
            s.append(' ').append(owner);
        }
        return s.toString();
    }
}
