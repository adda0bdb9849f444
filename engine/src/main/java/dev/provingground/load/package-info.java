/**
 * Load: runs a scenario's load profiles against a learner's own stack. A run can only target a stack the platform
 * provisioned, and only its owner's; there is no way to pass it a URL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Load")
package dev.provingground.load;
