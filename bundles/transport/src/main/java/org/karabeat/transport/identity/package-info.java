/**
 * A node's identity as heartbeat 3.0.6 keeps it in its state directory ({@code /var/lib/heartbeat}): the uuid
 * ({@code hb_uuid}, or derived from the node name with {@code uuidfrom nodename}) and the generation
 * ({@code hb_generation}, one more at every start). Same files, same formats, so a node can move between the
 * classic daemon and Karabeat without its peers taking it for a replay.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.karabeat.transport.identity;
