package cn.compoundgis.tiles;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tiles made lately, by ETag, least recently used dropped first beyond a byte budget (tiles.json
 * serverCacheMegabytes). An ETag names the epochs of the tile's collections, so a cached tile is never stale:
 * after a commit its collections' tiles have new ETags and the old entries age out. Several servers on one
 * database each keep their own.
 */
final class TileCache {
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> tiles = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    TileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Optional<byte[]> get(String etag) {
        return Optional.ofNullable(tiles.get(etag));
    }

    synchronized void put(String etag, byte[] tile) {
        if (tile.length > maxBytes) {
            return;
        }
        byte[] old = tiles.put(etag, tile);
        bytes += tile.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<String, byte[]>> oldest = tiles.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().getValue().length;
            oldest.remove();
        }
    }
}
