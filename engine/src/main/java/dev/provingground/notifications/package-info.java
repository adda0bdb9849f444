/**
 * Notifications: short messages the UI shows a user or every member of a group, such as a demotion or an overdue
 * review, kept until they are read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package dev.provingground.notifications;
