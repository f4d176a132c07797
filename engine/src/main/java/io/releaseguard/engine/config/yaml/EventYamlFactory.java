package io.releaseguard.engine.config.yaml;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.Reader;
import java.util.Optional;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * A {@link YAMLFactory} whose parsers also expose the YAML event behind the current token. Jackson reports an alias
 * ({@code *leads}) as the plain string {@code "leads"} and keeps no reliable trace of a scalar's anchor; the event
 * has both, with the exact place they were written, so {@link YamlTreeReader} can refuse them.
 */
final class EventYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) {
        return new EventParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) {
        return _createParser(new CharArrayReader(data, offset, len), ctxt);
    }

    /** A YAML parser that tells whether the current token came from an alias or carries an anchor. */
    static final class EventParser extends YAMLParser {
        EventParser(
                IOContext ctxt,
                int parserFeatures,
                int formatFeatures,
                org.yaml.snakeyaml.LoaderOptions loaderOptions,
                com.fasterxml.jackson.core.ObjectCodec codec,
                Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
        }

        /** The anchor or alias of the current token, as written ({@code &name}, {@code *name}), and where. */
        Optional<Reference> reference() {
            Event event = _lastEvent;
            if (event instanceof AliasEvent alias) {
                return Optional.of(new Reference(true, alias.getAnchor(), at(event)));
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                return Optional.of(new Reference(false, node.getAnchor(), at(event)));
            }
            return Optional.empty();
        }

        private static Location at(Event event) {
            return event.getStartMark() == null
                    ? Location.START
                    : new Location(
                            event.getStartMark().getLine() + 1,
                            event.getStartMark().getColumn() + 1);
        }
    }

    /** An anchor ({@code alias == false}) or an alias of {@code name}, written at {@code at}. */
    record Reference(boolean alias, String name, Location at) {}
}
