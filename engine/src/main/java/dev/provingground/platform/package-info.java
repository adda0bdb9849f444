/**
 * Platform: where the data lives and the summary printed once the platform is up.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package dev.provingground.platform;
