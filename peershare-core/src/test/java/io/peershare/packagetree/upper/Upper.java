package io.peershare.packagetree.upper;

import io.peershare.packagetree.lower.Lower;

/** Fixture for {@code PackageTreeTest}: the upper package uses the lower one, as it may. */
public final class Upper {

    public int size() {
        return new Lower().size();
    }
}
