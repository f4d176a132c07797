package io.releaseguard.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertFalse
import static org.junit.jupiter.api.Assertions.assertTrue

import org.junit.jupiter.api.Test

/** Every var parses on Groovy 2.4 and has its help page, so the library loads in Jenkins and documents itself. */
class LibraryLayoutTest extends PipelineVarTestBase {

    private static List<File> vars() {
        (new File(libraryRoot(), 'vars').listFiles({ File f -> f.name.endsWith('.groovy') } as FileFilter) ?: []).sort()
    }

    @Test
    void theLibraryHasVars() {
        assertFalse(vars().isEmpty(), "no vars/*.groovy under ${libraryRoot().canonicalPath}")
    }

    @Test
    void everyVarParsesOnTheGroovyJenkinsRuns() {
        assertEquals('2.4.21', GroovySystem.version)
        vars().each { File var -> parse(var) }
    }

    @Test
    void everyVarHasAHelpPageWithAnExample() {
        vars().each { File var ->
            File help = new File(var.parentFile, var.name.replaceAll(/\.groovy$/, '.txt'))
            assertTrue(help.isFile(), "missing ${help.name} beside ${var.name}")
            assertTrue(help.getText('UTF-8').contains('<pre>'), "${help.name} needs an example in <pre>")
        }
    }
}
