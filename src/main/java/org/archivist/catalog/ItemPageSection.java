package org.archivist.catalog;

import org.archivist.access.Caller;
import org.springframework.ui.Model;

/**
 * What another feature shows on an item's page (the reviews, for one), added to the page's model:
 * the item page knows the sections only by this, so no feature it shows depends back on it.
 */
public interface ItemPageSection {

    void addTo(long itemId, Caller caller, Model model);
}
