package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

public abstract class Cause {
    public static class UpstreamCause extends Cause {
        private UpstreamCause() {}

        public List<Cause> getUpstreamCauses() {
            throw new UnsupportedOperationException();
        }
    }

    public static class UserIdCause extends Cause {
        private UserIdCause() {}

        @CheckForNull
        public String getUserId() {
            throw new UnsupportedOperationException();
        }
    }
}
