import InfraModel
