package uk.mash.platform.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/** A statement reading by many ids at once: its one parameter, {@code = any(?)}, is a PostgreSQL {@code uuid[]}. */
public final class AnyOfIds {

    private AnyOfIds() {
    }

    public static PreparedStatement statement(Connection connection, String sql, Collection<UUID> ids)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
        return statement;
    }
}
