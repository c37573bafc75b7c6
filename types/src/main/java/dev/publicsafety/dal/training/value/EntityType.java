package dev.publicsafety.dal.training.value;

/** What an operator must capture from a call; also the labels of {@code extracted_entities.entity_type}. */
public enum EntityType {
    LOCATION,
    PERSON,
    WEAPON,
    INJURY,
    MEDICAL_CONDITION,
    VEHICLE,
    SUSPECT_DESCRIPTION,
    PHONE_NUMBER,
    TIME,
    /** The simulator's label for a time mentioned in a call ("ten minutes ago"). */
    TIME_REFERENCE,
    HAZARD
}
