using CityEdge.Climate;
using CityEdge.Hal;

namespace CityEdge.Node
{
    /// <summary>
    /// The sensors and actuators this node has, created by the device app from the board profile (or
    /// by the simulator). A null entry means "not fitted": the node runs without that capability and
    /// its report simply has no such group.
    /// </summary>
    public sealed class NodeHardware
    {
        public IClimateSensor Climate { get; set; }

        /// <summary>Heap, RSSI and reset reason for the status message; null reports them as unknown.</summary>
        public ISystemInfo SystemInfo { get; set; }

        /// <summary>Planned restarts (reboot command, config trial); null: the node cannot reboot itself.</summary>
        public INodeControl Control { get; set; }
    }
}
