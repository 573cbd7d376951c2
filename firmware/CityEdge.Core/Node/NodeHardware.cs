using CityEdge.Air;
using CityEdge.Climate;
using CityEdge.Noise;

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

        /// <summary>PMS5003 / PMS7003 particulate sensor (drivers/Pms5003).</summary>
        public IParticulateSensor Particulates { get; set; }
        public INoiseFrontEnd Noise { get; set; }
    }
}
