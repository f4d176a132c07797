package io.releaseguard.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GroupQuorumTest {
    @Test
    void aPersonInTwoGroupsIsPlacedWhereNeeded() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("qa", List.of("bob", "rafaella"));
        groups.put("leads", List.of("bob"));
        Map<String, String> assigned = GroupQuorum.assign(groups, Set.of("bob", "rafaella"), true);
        assertThat(assigned).containsEntry("qa", "rafaella").containsEntry("leads", "bob");
        assertThat(GroupQuorum.assign(groups, Set.of("bob"), true)).hasSize(1);
        assertThat(GroupQuorum.assign(groups, Set.of("bob"), false)).hasSize(2);
    }

    /** The matching is maximum: brute force over every assignment agrees, whatever the order. */
    @Property(tries = 200)
    void matchingIsMaximumAndOrderIndependent(
            @ForAll @IntRange(min = 1, max = 4) int groupCount,
            @ForAll @IntRange(min = 0, max = 4095) int membership,
            @ForAll @IntRange(min = 0, max = 15) int approverMask) {
        List<String> people = List.of("p0", "p1", "p2", "p3");
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int g = 0; g < groupCount; g++) {
            List<String> members = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                if ((membership >> (g * 4 + p) % 12 & 1) == 1) {
                    members.add(people.get(p));
                }
            }
            groups.put("g" + g, members);
        }
        Set<String> approvers = new HashSet<>();
        for (int p = 0; p < 4; p++) {
            if ((approverMask >> p & 1) == 1) {
                approvers.add(people.get(p));
            }
        }
        Map<String, String> assigned = GroupQuorum.assign(groups, approvers, true);
        assertThat(new HashSet<>(assigned.values())).hasSameSizeAs(assigned.values());
        assigned.forEach((g, p) -> assertThat(groups.get(g)).contains(p));
        assertThat(assigned.size())
                .isEqualTo(bruteForce(new ArrayList<>(groups.keySet()), groups, approvers, new HashSet<>()));
        List<String> reversed = new ArrayList<>(groups.keySet());
        Collections.reverse(reversed);
        Map<String, List<String>> other = new LinkedHashMap<>();
        reversed.forEach(g -> other.put(g, groups.get(g)));
        assertThat(GroupQuorum.assign(other, approvers, true)).hasSameSizeAs(assigned);
    }

    private static int bruteForce(
            List<String> left, Map<String, List<String>> groups, Set<String> approvers, Set<String> used) {
        if (left.isEmpty()) {
            return 0;
        }
        String g = left.get(0);
        List<String> rest = left.subList(1, left.size());
        int best = bruteForce(rest, groups, approvers, used);
        for (String p : groups.get(g)) {
            if (approvers.contains(p) && used.add(p)) {
                best = Math.max(best, 1 + bruteForce(rest, groups, approvers, used));
                used.remove(p);
            }
        }
        return best;
    }
}
