package org.mnistablation.model;

/** How values are written in descriptions: as short as Java prints them, "1.0" as "1". */
final class Numbers {

    private Numbers() {
    }

    static String plain(double v) {
        return String.valueOf(v).replaceAll("\\.0$", "");
    }
}
