package io.releaseguard.jenkins.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.jenkins.promotion.BuildOrigin.ByUser;
import io.releaseguard.jenkins.promotion.BuildOrigin.Change;
import io.releaseguard.jenkins.promotion.BuildOrigin.Other;
import io.releaseguard.jenkins.promotion.BuildOrigin.People;
import io.releaseguard.jenkins.promotion.BuildOrigin.ScmChange;
import io.releaseguard.jenkins.promotion.BuildOrigin.Upstream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Who requested a build and who wrote it, from the values Jenkins's causes and change sets give. */
class BuildOriginTest {
    /** Jenkins's default realm strategy: keys in lower case, ids equal ignoring case. */
    static final UserIds CASE_INSENSITIVE = new UserIds(id -> id.toLowerCase(Locale.ENGLISH), String::equalsIgnoreCase);

    @Test
    void aBuildStartedByAUserIsRequestedByThatUserAsTheRealmsKey() {
        People p = BuildOrigin.people(List.of(new Other(), new ByUser("Alice")), List.of(), CASE_INSENSITIVE);

        assertEquals(new People("alice", List.of()), p);
    }

    @Test
    void aBuildStartedByAnotherIsRequestedByWhoeverStartedThatOne() {
        People p = BuildOrigin.people(
                List.of(new Upstream(List.of(new Upstream(List.of(new ByUser("bob")))))), List.of(), CASE_INSENSITIVE);

        assertEquals("bob", p.requester());
    }

    @Test
    void aBuildStartedByAnScmChangeIsRequestedByTheAuthorOfItsNewestChange() {
        List<Change> changes =
                List.of(new Change("carol", 3_000), new Change("Dave", 5_000), new Change("carol", 4_000));

        People p = BuildOrigin.people(List.of(new ScmChange()), changes, CASE_INSENSITIVE);

        assertEquals(new People("dave", List.of("carol", "dave")), p);
    }

    @Test
    void anScmChangeBehindAnUpstreamBuildCountsToo() {
        People p = BuildOrigin.people(
                List.of(new Upstream(List.of(new ScmChange()))), List.of(new Change("erin", -1)), CASE_INSENSITIVE);

        assertEquals("erin", p.requester());
    }

    @Test
    void changesOfUnknownTimeNameTheLastListedAsNewest() {
        People p = BuildOrigin.people(
                List.of(new ScmChange()), List.of(new Change("a", -1), new Change("b", -1)), CASE_INSENSITIVE);

        assertEquals("b", p.requester());
    }

    @Test
    void aUserWhoStartedTheBuildWinsOverTheChangesAuthors() {
        People p = BuildOrigin.people(
                List.of(new ScmChange(), new ByUser("alice")), List.of(new Change("bob", 1)), CASE_INSENSITIVE);

        assertEquals(new People("alice", List.of("bob")), p);
    }

    @Test
    void aTimerBuildIsRequestedBySystemButItsChangesAuthorsStillWroteTheRelease() {
        People p = BuildOrigin.people(List.of(new Other()), List.of(new Change("bob", 1)), CASE_INSENSITIVE);

        assertEquals(new People(BuildOrigin.NO_USER, List.of("bob")), p);
    }

    @Test
    void anScmBuildWithoutChangesIsRequestedBySystem() {
        assertEquals(
                BuildOrigin.NO_USER,
                BuildOrigin.people(List.of(new ScmChange()), List.of(), CASE_INSENSITIVE)
                        .requester());
    }

    @Test
    void authorsAreDistinctRealmKeysAndJenkinsOwnIdentitiesAreNoAuthors() {
        List<Change> changes = List.of(
                new Change("ALICE", 1),
                new Change("alice", 2),
                new Change("unknown", 3),
                new Change("system", 4),
                new Change(" ", 5),
                new Change("bob", 6));

        People p = BuildOrigin.people(List.of(new ScmChange()), changes, CASE_INSENSITIVE);

        assertEquals(new People("bob", List.of("alice", "bob")), p);
    }

    @Test
    void aUserCauseNamingSystemIsNoPerson() {
        assertEquals(
                BuildOrigin.NO_USER,
                BuildOrigin.people(List.of(new ByUser("SYSTEM")), List.of(), CASE_INSENSITIVE)
                        .requester());
    }

    @Test
    void scmCausesAreRecognisedByTheirOrTheirSuperclassesNames() {
        assertTrue(BuildOrigin.isScmChange(
                List.of("com.cloudbees.jenkins.GitHubPushCause", "hudson.triggers.SCMTrigger$SCMTriggerCause")));
        assertTrue(BuildOrigin.isScmChange(List.of("jenkins.branch.BranchIndexingCause", "hudson.model.Cause")));
        assertTrue(BuildOrigin.isScmChange(List.of("jenkins.branch.BranchEventCause")));
        assertFalse(BuildOrigin.isScmChange(
                List.of("hudson.triggers.TimerTrigger$TimerTriggerCause", "hudson.model.Cause", "java.lang.Object")));
    }
}
