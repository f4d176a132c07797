package hudson.scm;

import hudson.model.User;

public abstract class ChangeLogSet<T extends ChangeLogSet.Entry> implements Iterable<T> {
    private ChangeLogSet() {}

    public abstract static class Entry {
        private Entry() {}

        public long getTimestamp() {
            throw new UnsupportedOperationException();
        }

        public abstract User getAuthor();
    }
}
