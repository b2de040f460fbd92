/// Version of the Perpetual tools, stored in every checkpoint as the producer.
public enum PerpetualVersion {
    public static let string = "0.1.0"
}
