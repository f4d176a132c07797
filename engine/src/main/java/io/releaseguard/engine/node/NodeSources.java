package io.releaseguard.engine.node;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.release.ReleaseAuthorship;
import io.releaseguard.engine.release.ReleaseAuthorship.Authorship;
import io.releaseguard.engine.state.ReleaseAuthor;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a promotion reads from the policy's own files and sources, read on the node: the release's authors from
 * {@code git.repository} and a workspace policy's ICS calendars (file or URL). A node that cannot be asked adds no
 * authors and says why, as a repository that cannot be read does.
 */
public final class NodeSources {
    private NodeSources() {}

    /** Release authors read with git on the node. */
    public static ReleaseAuthorship authorship(NodeExecutor node, NodeSite site) {
        return release -> {
            try {
                return node.call(new AuthorsCall(site, release)).authorship();
            } catch (ReleaseGuardException e) {
                return Authorship.unknown("the build's node could not read the release's authors: " + e.getMessage());
            }
        };
    }

    /** ICS calendars fetched on the node; the controller's folder in {@code baseDir} is not used there. */
    public static IcsFetcher icsFetcher(NodeExecutor node, NodeSite site) {
        return (source, baseDir) -> {
            try {
                return node.call(new IcsCall(site, source));
            } catch (ReleaseGuardException e) {
                throw new IOException(e.getMessage());
            }
        };
    }

    record AuthorsCall(NodeSite site, String release) implements NodeTask<AuthorsAnswer> {
        private static final long serialVersionUID = 1L;

        @Override
        public AuthorsAnswer run() throws ReleaseGuardException {
            try (PromotionAdapters adapters = site.adapters()) {
                Authorship a = adapters.authorship().of(release);
                List<String[]> authors = new ArrayList<>();
                for (ReleaseAuthor r : a.authors()) {
                    authors.add(new String[] {r.source().name(), r.name(), r.email()});
                }
                return new AuthorsAnswer(a.commit().orElse(null), authors, a.note());
            }
        }
    }

    /** Each author as {@code [source, name, email]}. */
    record AuthorsAnswer(String commit, List<String[]> authors, String note) implements Serializable {
        private static final long serialVersionUID = 1L;

        AuthorsAnswer {
            authors = new ArrayList<>(authors);
        }

        Authorship authorship() {
            return new Authorship(
                    Optional.ofNullable(commit),
                    authors.stream()
                            .map(a -> new ReleaseAuthor(ReleaseAuthor.Source.valueOf(a[0]), a[1], a[2]))
                            .toList(),
                    note);
        }
    }

    record IcsCall(NodeSite site, String source) implements NodeTask<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String run() throws ReleaseGuardException {
            try (PromotionAdapters adapters = site.adapters()) {
                Path baseDir = adapters.config().baseDir();
                return adapters.icsFetcher().fetch(source, baseDir);
            } catch (IOException e) {
                // The fetcher's messages name the source, never the calendar's text.
                throw new ReleaseGuardException(ExitCode.UNEXPECTED, e.getMessage());
            }
        }
    }
}
