package dev.publicsafety.dal.fleet.product;

import dev.publicsafety.dal.connect.OneLine;

/**
 * Why one record of an export is refused: the file, the record (its index in the file's array, and
 * its id when it has a readable one), the field and what is wrong with it.
 *
 * @param index the record's position in the file's array, from 0; -1 for the file as a whole
 */
public record ImportRefusal(String file, int index, String id, String field, String problem) {

    /** One line, control characters escaped: {@code users.json[2] (id …) field email: …}. */
    @Override
    public String toString() {
        String where = index < 0 ? file : file + "[" + index + "]" + (id == null ? "" : " (id " + id + ")");
        return OneLine.escape(where + (field == null ? "" : " field " + field) + ": " + problem);
    }
}
