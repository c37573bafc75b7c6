package dev.publicsafety.dal.cli.demo;

import java.util.List;

/** One demo organization: who it is, where it works, what it handles. */
record DemoProfile(String name, String slug, String prefix, String city, double latitude, double longitude,
                   List<String> incidentTypes, List<String> unitKinds, List<String> taskTitles) {

    static final List<DemoProfile> ALL = List.of(
            new DemoProfile("Harbor City Fire & Rescue", "harbor-city-fire", "HC", "Harbor City", 47.61, -122.33,
                    List.of("structure_fire", "vehicle_fire", "medical", "hazmat", "water_rescue", "alarm"),
                    List.of("Engine", "Ladder", "Medic", "Rescue", "Battalion"),
                    List.of("Establish water supply", "Primary search", "Ventilate the structure", "Secure utilities",
                            "Set up rehab area", "Contain the spill", "Notify the harbor master", "Reset the alarm panel")),
            new DemoProfile("Pine County EMS", "pine-county-ems", "PC", "Pinecrest", 44.98, -93.27,
                    List.of("cardiac_arrest", "traffic_collision", "fall", "overdose", "stroke", "breathing_problem"),
                    List.of("Medic", "Ambulance", "Supervisor", "Rescue"),
                    List.of("Patient assessment", "Transport to hospital", "Notify receiving hospital",
                            "Request police for scene safety", "Restock the ambulance", "Complete the patient care report",
                            "Call the poison center", "Stage for landing zone")));

    static String label(String type) {
        String words = type.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
