using CityEdge.Climate;
using CityEdge.Parking;

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

        /// <summary>One magnetometer per parking bay, bay 0 first (parking.bays says how many are used);
        /// a null entry is a bay whose sensor is missing.</summary>
        public IMagnetometer[] Magnetometers { get; set; }
    }
}
