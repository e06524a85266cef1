package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.Pipe;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which of two conflicting pipes should give way, by the avoidance order of clearance-rules.json
 * ("yield_priority"): pressure yields to gravity, flexible to rigid, branch to trunk, small to large,
 * temporary to permanent. The first criterion that tells the two apart decides.
 */
final class YieldOrder {
    /** The pipe that yields ({@code a} or {@code b}) and the criterion that decided. */
    record Decision(String pipe, String criterion) {
    }

    private enum Side { YIELDS, KEEPS, UNDECIDED }

    private final List<String> order;
    private final Set<String> gravityNetworks;
    private final Set<String> flexibleNetworks;
    private final List<String> flexibleWords;
    private final List<String> rigidWords;
    private final List<String> trunkWords;
    private final List<String> branchWords;

    private YieldOrder(List<String> order, Set<String> gravityNetworks, Set<String> flexibleNetworks,
                       List<String> flexibleWords, List<String> rigidWords, List<String> trunkWords, List<String> branchWords) {
        this.order = order;
        this.gravityNetworks = gravityNetworks;
        this.flexibleNetworks = flexibleNetworks;
        this.flexibleWords = flexibleWords;
        this.rigidWords = rigidWords;
        this.trunkWords = trunkWords;
        this.branchWords = branchWords;
    }

    static YieldOrder from(JsonNode table) {
        return new YieldOrder(texts(table.path("order")), Set.copyOf(texts(table.path("gravity_networks"))),
                Set.copyOf(texts(table.path("flexible_networks"))), upper(table.path("flexible_material_words")),
                upper(table.path("rigid_material_words")), upper(table.path("role_values").path("trunk")),
                upper(table.path("role_values").path("branch")));
    }

    Optional<Decision> decide(Pipe a, Pipe b) {
        for (String criterion : order) {
            Function<Pipe, Side> test = criterion(criterion);
            Side sa = test.apply(a);
            Side sb = test.apply(b);
            if (sa == Side.YIELDS && sb == Side.KEEPS) {
                return Optional.of(new Decision("a", criterion));
            }
            if (sb == Side.YIELDS && sa == Side.KEEPS) {
                return Optional.of(new Decision("b", criterion));
            }
            if (criterion.equals("small_yields_to_large")) {
                Optional<Decision> bySize = bySize(a, b);
                if (bySize.isPresent()) {
                    return bySize;
                }
            }
        }
        return Optional.empty();
    }

    private Function<Pipe, Side> criterion(String name) {
        return switch (name) {
            case "pressure_yields_to_gravity" -> p -> gravityNetworks.contains(p.network()) ? Side.KEEPS : Side.YIELDS;
            case "flexible_yields_to_rigid" -> this::flexibility;
            case "branch_yields_to_trunk" -> this::role;
            case "temporary_yields_to_permanent" -> p -> p.temporary() ? Side.YIELDS : Side.KEEPS;
            case "small_yields_to_large" -> p -> Side.UNDECIDED; // compares the two sizes, see bySize
            default -> throw new IllegalStateException("unknown yield criterion " + name + " in clearance-rules.json");
        };
    }

    private Side flexibility(Pipe p) {
        String material = p.material() == null ? "" : p.material().toUpperCase(Locale.ROOT);
        boolean rigid = rigidWords.stream().anyMatch(material::contains);
        boolean flexible = flexibleNetworks.contains(p.network()) || flexibleWords.stream().anyMatch(material::contains);
        if (flexible && !rigid) {
            return Side.YIELDS;
        }
        return rigid && !flexible ? Side.KEEPS : Side.UNDECIDED;
    }

    private Side role(Pipe p) {
        String role = p.role() == null ? "" : p.role().toUpperCase(Locale.ROOT);
        if (role.isEmpty()) {
            return Side.UNDECIDED;
        }
        if (branchWords.stream().anyMatch(role::equals)) {
            return Side.YIELDS;
        }
        return trunkWords.stream().anyMatch(role::equals) ? Side.KEEPS : Side.UNDECIDED;
    }

    private static Optional<Decision> bySize(Pipe a, Pipe b) {
        Integer sa = a.nominalMm();
        Integer sb = b.nominalMm();
        if (sa == null || sb == null || sa.equals(sb)) {
            return Optional.empty();
        }
        return Optional.of(new Decision(sa < sb ? "a" : "b", "small_yields_to_large"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return List.copyOf(list);
    }

    private static List<String> upper(JsonNode array) {
        return texts(array).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }
}
