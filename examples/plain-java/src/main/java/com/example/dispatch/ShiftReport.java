package com.example.dispatch;

import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.training.CallSession;

/** What a shift start found or made. */
public record ShiftReport(Organization organization, Incident incident, CallSession call) {

    @Override
    public String toString() {
        return organization.name() + ": incident " + incident.number() + " " + incident.status().getLiteral()
                + " (version " + incident.version() + "); training call " + call.id() + " for " + call.operatorId();
    }
}
