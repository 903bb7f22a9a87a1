package org.archivist.dedup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Joins matched pairs into groups (path halving, union by size). */
final class UnionFind {

    private final int[] parent;
    private final int[] size;

    UnionFind(int count) {
        parent = new int[count];
        size = new int[count];
        for (int i = 0; i < count; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) return;
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
    }

    /** Groups of two or more. */
    Collection<List<Integer>> groups() {
        Map<Integer, List<Integer>> byRoot = new HashMap<>();
        for (int i = 0; i < parent.length; i++) {
            if (size[find(i)] > 1) byRoot.computeIfAbsent(find(i), k -> new ArrayList<>()).add(i);
        }
        return byRoot.values();
    }
}
