package io.releaseguard.engine.config;

import java.util.List;
import java.util.Map;

/**
 * Release-candidate tags ({@code scheme} with {year}, {minor}, {patch}, {n}) and the approver groups that must all
 * approve before an RC becomes final. One person counts for several groups only when {@code oneApprovalPerGroup}
 * is false.
 */
public record ReleaseCandidateSpec(String scheme, Map<String, List<String>> approvers, boolean oneApprovalPerGroup) {
    public ReleaseCandidateSpec {
        approvers = Map.copyOf(approvers);
    }
}
