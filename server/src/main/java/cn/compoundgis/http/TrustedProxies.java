package cn.compoundgis.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-*} headers are believed ({@code TRUSTED_PROXIES}: IP addresses
 * and CIDR blocks, comma-separated). From anyone else the headers are ignored, so that no client can make
 * the server write links to another host. None by default.
 */
public final class TrustedProxies {
    /** IPv4 dotted quads, or text with a colon (IPv6): InetAddress then never asks DNS. */
    private static final Pattern IP_TEXT = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Reads {@code 10.0.0.1, 192.168.0.0/16, ::1}; throws IllegalArgumentException naming a bad entry. */
    public static TrustedProxies parse(String setting) {
        List<Block> blocks = new ArrayList<>();
        if (setting == null) {
            return none();
        }
        for (String entry : setting.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty()) {
                blocks.add(Block.parse(e));
            }
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether a request that came from {@code remoteAddress} (an IP literal) came through a trusted proxy. */
    public boolean trusts(String remoteAddress) {
        if (blocks.isEmpty() || remoteAddress == null) {
            return false;
        }
        byte[] address = literal(remoteAddress.replace("[", "").replace("]", ""));
        return address != null && blocks.stream().anyMatch(b -> b.contains(address));
    }

    /** An IP literal's bytes (IPv4-mapped IPv6 as IPv4), or null; never a DNS look-up. */
    private static byte[] literal(String text) {
        if (text.isEmpty() || !IP_TEXT.matcher(text).matches()) {
            return null;
        }
        if (!text.contains(":") && java.util.Arrays.stream(text.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return null; // not an IPv4 literal: InetAddress would take it for a host name and ask DNS
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Block(byte[] network, int prefixBits) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String ip = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(ip);
            if (network == null) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR block");
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1);
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                    throw new IllegalArgumentException("TRUSTED_PROXIES: '" + entry + "' has a bad prefix length");
                }
                bits = Integer.parseInt(prefix);
            }
            return new Block(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
