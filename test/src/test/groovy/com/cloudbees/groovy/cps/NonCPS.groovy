package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * Stand-in for groovy-cps's {@code NonCPS}, which is not on Maven Central. Jenkins imports the real one into every
 * library script automatically; {@link io.releaseguard.library.PipelineVarTestBase} imports this one the same way.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface NonCPS {
}
