-- One database per stateful service: each owns its tables (change feeds, outboxes) and
-- can be moved to its own server without untangling shared schemas.
CREATE DATABASE system_salesforce;
CREATE DATABASE system_core_banking;
CREATE DATABASE system_card_platform;
CREATE DATABASE system_loan_mainframe;
CREATE DATABASE process_customer_sync;
CREATE DATABASE experience_advisor;
