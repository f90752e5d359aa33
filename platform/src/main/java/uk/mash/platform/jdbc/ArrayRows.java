package uk.mash.platform.jdbc;

import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A statement over many rows at once, each column passed as one PostgreSQL array ({@code select * from
 * unnest(?::uuid[], ?::text[], ...)}): a poll's rows in one round trip, and, unlike a batch, with what the statement
 * {@code returning} answers. The statement's text is the same whatever the number of rows, so it is prepared once.
 * Rows are taken in list order, as an insert's row locks are. One row is a list of one: a record handled on its own
 * runs the same statement as its poll would have.
 */
public final class ArrayRows {

    private static final Map<String, Class<?>> ELEMENTS = Map.of("uuid", UUID.class, "text", String.class,
            "int4", Integer.class, "int8", Long.class, "bool", Boolean.class, "timestamptz", Timestamp.class, "bytea",
            byte[].class);

    private final String sql;
    private final String[] columnTypes;

    /**
     * @param sql the statement, one array parameter per column
     * @param columnTypes each column's PostgreSQL type: uuid, text, int4, int8, bool, timestamptz or bytea
     */
    public ArrayRows(String sql, String... columnTypes) {
        for (String type : columnTypes) {
            if (!ELEMENTS.containsKey(type)) {
                throw new IllegalArgumentException("No array of " + type + " for " + sql);
            }
        }
        this.sql = sql;
        this.columnTypes = columnTypes.clone();
    }

    /** Runs the statement over the rows; answers the first column of each row it returned. */
    public <T> List<T> query(JdbcTemplate jdbc, List<Object[]> rows, Class<T> returned) {
        return jdbc.execute((ConnectionCallback<List<T>>) connection -> {
            try (PreparedStatement statement = statement(connection, rows);
                    ResultSet result = statement.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (result.next()) {
                    values.add(result.getObject(1, returned));
                }
                return values;
            }
        });
    }

    /** Runs the statement over the rows; answers how many rows it changed. */
    public int update(JdbcTemplate jdbc, List<Object[]> rows) {
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement statement = statement(connection, rows)) {
                return statement.executeUpdate();
            }
        });
    }

    private PreparedStatement statement(Connection connection, List<Object[]> rows) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int column = 0; column < columnTypes.length; column++) {
                Object[] values = (Object[]) Array.newInstance(ELEMENTS.get(columnTypes[column]), rows.size());
                for (int row = 0; row < values.length; row++) {
                    values[row] = rows.get(row)[column];
                }
                statement.setArray(column + 1, connection.createArrayOf(columnTypes[column], values));
            }
            return statement;
        }
        catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
