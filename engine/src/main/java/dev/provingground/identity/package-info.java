/**
 * Identity: users and groups (kept in Camunda's IdentityService), sign-in for the browser and the API, who may reach
 * which page, and the demo users of the default run.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package dev.provingground.identity;
