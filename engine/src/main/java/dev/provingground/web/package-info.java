/**
 * Web: serves the single-page UI and the small API it starts from (who am I, what may I open).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package dev.provingground.web;
