package io.releaseguard.engine.approval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which groups an "every group must approve" rule has satisfied. When one person may stand for only one
 * group, this is a bipartite matching (a person in two groups is assigned where they are needed most), so the
 * answer does not depend on the order approvals arrived in.
 */
public final class GroupQuorum {
    private GroupQuorum() {}

    /**
     * Assigns approvers to groups. Returns group → the approver counted for it, for every group that is satisfied,
     * in the order the groups were given.
     */
    public static Map<String, String> assign(
            Map<String, ? extends List<String>> groups, Set<String> approvers, boolean onePersonPerGroup) {
        Map<String, String> result = new LinkedHashMap<>();
        if (!onePersonPerGroup) {
            groups.forEach((g, members) ->
                    members.stream().filter(approvers::contains).findFirst().ifPresent(p -> result.put(g, p)));
            return result;
        }
        Map<String, String> personToGroup = new HashMap<>();
        for (String group : groups.keySet()) {
            augment(group, groups, approvers, personToGroup, new HashSet<>());
        }
        for (String group : groups.keySet()) {
            personToGroup.forEach((p, g) -> {
                if (g.equals(group)) {
                    result.put(group, p);
                }
            });
        }
        return result;
    }

    private static boolean augment(
            String group,
            Map<String, ? extends List<String>> groups,
            Set<String> approvers,
            Map<String, String> personToGroup,
            Set<String> visited) {
        for (String person : groups.get(group)) {
            if (!approvers.contains(person) || !visited.add(person)) {
                continue;
            }
            String holder = personToGroup.get(person);
            if (holder == null || augment(holder, groups, approvers, personToGroup, visited)) {
                personToGroup.put(person, group);
                return true;
            }
        }
        return false;
    }
}
