package io.releaseguard.library

import groovy.transform.EqualsAndHashCode

/** One pipeline step call a var made: the step's name and its arguments as passed. */
@EqualsAndHashCode
class StepCall {
    final String name
    final List<Object> args

    StepCall(String name, List<Object> args) {
        this.name = name
        this.args = args.asImmutable()
    }

    @Override
    String toString() {
        "${name}(${args.collect { it.inspect() }.join(', ')})"
    }
}
