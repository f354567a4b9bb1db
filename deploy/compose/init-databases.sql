-- One database per service (each owns its data; none reads another's tables).
CREATE DATABASE cwm_registry;
CREATE DATABASE cwm_payroll;
CREATE DATABASE cwm_assessment;
