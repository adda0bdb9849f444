-- The fix loop's own steps (load runs, restarts, check runs) join the trail, so that it is one timeline of the run.
alter table diagnostic_trail drop constraint diagnostic_trail_tool_check;
alter table diagnostic_trail add constraint diagnostic_trail_tool_check
    check (tool in ('sql', 'logs', 'terminal', 'load', 'restart', 'check'));
