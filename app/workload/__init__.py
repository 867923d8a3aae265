"""Workload analysis: task catalog, WISN staffing need, per-person load and fairness."""
