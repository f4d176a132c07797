package io.releaseguard.library

import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

/**
 * The one base class for shared-library tests. It loads {@code vars/<name>.groovy} the way Jenkins does (as a script
 * whose unknown method calls are pipeline steps, with {@code NonCPS} imported), answers only the steps a test
 * registered, and records every call in order. An unregistered step fails the test, as a typo would fail a build.
 */
abstract class PipelineVarTestBase {
    /** Every step call made so far, in order. */
    protected final List<StepCall> calls = []

    private final Map<String, Closure> steps = [:]

    PipelineVarTestBase() {
        registerStep('echo') { String message -> null }
        registerStep('error') { String message -> throw new PipelineError(message) }
    }

    /** Lets the var call step {@code name}; {@code answer} receives the step's arguments and returns its result. */
    protected void registerStep(String name, Closure answer) {
        steps[name] = answer
    }

    /** The repository root, where {@code vars/} lives (set by the Maven build; the parent folder otherwise). */
    protected static File libraryRoot() {
        new File(System.getProperty('library.root', '..'))
    }

    /** Parses {@code vars/<name>.groovy} on this Groovy (2.4, like Jenkins) and wires the registered steps. */
    protected Script loadVar(String name) {
        File file = new File(libraryRoot(), "vars/${name}.groovy")
        assert file.isFile(): "no library var ${file}"
        Binding binding = new Binding()
        steps.each { String stepName, Closure answer ->
            binding.setVariable(stepName, { Object... args ->
                calls << new StepCall(stepName, args as List)
                answer.call(*args)
            })
        }
        parse(file, binding)
    }

    /** Parses a script with the compiler settings Jenkins uses for library code that matter here. */
    protected static Script parse(File file, Binding binding = new Binding()) {
        CompilerConfiguration config = new CompilerConfiguration()
        config.addCompilationCustomizers(new ImportCustomizer().addImports('com.cloudbees.groovy.cps.NonCPS'))
        new GroovyShell(PipelineVarTestBase.classLoader, binding, config).parse(file)
    }

    /** Runs {@code body}, which must fail the build through the {@code error} step; returns the error's message. */
    protected String pipelineError(Closure body) {
        try {
            body.call()
        } catch (PipelineError e) {
            return e.message
        }
        throw new AssertionError("expected the var to call error; calls were ${calls}")
    }
}
