/**
 * Workflow: the BPMN and DMN models' rules and deployment, the engine's expression sandbox, and the delegates that
 * connect process steps to feature modules. Delegates are thin adapters: read variables, call one feature service,
 * write variables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflow")
package dev.provingground.workflow;
