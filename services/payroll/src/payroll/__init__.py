"""payroll service."""
